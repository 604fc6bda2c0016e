"""privacy

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 21:44:10.132090
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True))




def downgrade() -> None:
    
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('removed_at')

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_column('purged_at')


