"""coordinators

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 21:48:55.488159
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('coordinators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordinators')),
    sa.UniqueConstraint('email', name=op.f('uq_coordinators_email'))
    )



def downgrade() -> None:
    
    op.drop_table('coordinators')

