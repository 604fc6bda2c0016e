"""voice alerts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 21:31:39.037280
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=8), server_default='sms', nullable=False))
    # Landline members were silently skipped so far: from now on they are called.
    op.execute("UPDATE members SET channel = 'voice' WHERE number_kind = 'fixed'")




def downgrade() -> None:
    
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('channel')


